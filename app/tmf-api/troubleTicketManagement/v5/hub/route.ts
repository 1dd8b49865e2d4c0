// The same /hub under the alias base path (lib/api/href.ts).
export { POST } from "@/app/tmf-api/troubleTicket/v5/hub/route";
