import { importTemplateCsv } from "@/lib/imports/file-format";
import { csvResponse, route } from "@/lib/shared/route";

export const GET = route({ permission: "customer:import" }, async () => csvResponse(importTemplateCsv(), "subscriber-import-template.csv"));
