"use server";

import { action } from "@/lib/shared/action";
import { createKbCategory, deleteSynonymGroup, saveSynonymGroup, updateKbCategory } from "@/lib/knowledge/commands";
import { createCategoryInput, saveSynonymInput, synonymRef, updateCategoryInput } from "@/lib/knowledge/schemas";

// The knowledge base's shape (issue 24): the category tree and the synonym groups search expands
// queries with; admins only (knowledge:configure).

export const createKbCategoryAction = action(createCategoryInput, createKbCategory, { revalidate: "/admin/knowledge" });
export const updateKbCategoryAction = action(updateCategoryInput, updateKbCategory, { revalidate: "/admin/knowledge" });
export const saveSynonymGroupAction = action(saveSynonymInput, saveSynonymGroup, { revalidate: "/admin/knowledge" });
export const deleteSynonymGroupAction = action(synonymRef, deleteSynonymGroup, { revalidate: "/admin/knowledge" });
