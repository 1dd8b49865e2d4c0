// The same /hub/{id} under the alias base path (lib/api/href.ts).
export { GET, DELETE } from "@/app/tmf-api/troubleTicket/v5/hub/[id]/route";
