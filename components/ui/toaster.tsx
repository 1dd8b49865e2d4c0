"use client";

import { Toaster as Sonner } from "sonner";

/** Where toasts appear (once, in the root layout): bottom right, announced politely. */
export function Toaster() {
  return <Sonner position="bottom-right" closeButton richColors duration={4000} toastOptions={{ className: "text-sm" }} />;
}
export { toast } from "sonner";
