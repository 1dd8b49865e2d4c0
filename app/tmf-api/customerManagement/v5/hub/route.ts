// The same /hub under the alias base path (lib/api/href.ts).
export { POST } from "@/app/tmf-api/customer/v5/hub/route";
