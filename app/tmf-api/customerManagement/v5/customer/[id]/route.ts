// The alias of the official base path (lib/api/href.ts TMF629_ALIAS): the same handlers.
export { GET, PATCH } from "@/app/tmf-api/customer/v5/customer/[id]/route";
