"use server";

import { action } from "@/lib/shared/action";
import { createScript, setScriptActive, updateScript } from "@/lib/scripts/commands";
import { scriptInput, setScriptActiveInput, updateScriptInput } from "@/lib/scripts/schemas";

export const createScriptAction = action(scriptInput, createScript, { revalidate: "/admin/scripts" });
export const updateScriptAction = action(updateScriptInput, updateScript, { revalidate: "/admin/scripts" });
export const setScriptActiveAction = action(setScriptActiveInput, setScriptActive, { revalidate: "/admin/scripts" });
