// Alias of the official base path (lib/api/href.ts TMF621_ALIAS): the same handlers.
export { GET, POST } from "@/app/tmf-api/troubleTicket/v5/troubleTicket/route";
