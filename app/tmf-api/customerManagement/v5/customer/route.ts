// The alias of the official base path (lib/api/href.ts TMF629_ALIAS): the same handlers.
export { GET, POST } from "@/app/tmf-api/customer/v5/customer/route";
