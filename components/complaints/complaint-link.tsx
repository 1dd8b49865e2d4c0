import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** A complaint's number, linking to its page (lists and tables). `inText`: inside running text,
 *  where colour alone does not mark a link (WCAG 1.4.1), it is underlined. */
export function ComplaintLink({ id, no, children, inText = false }: { id: number; no?: string; children?: React.ReactNode; inText?: boolean }) {
  return (
    <Link href={`/complaints/${id}`} className={cn("text-brand-700 tabular-nums hover:underline", inText && "underline")}>
      {children ?? no}
    </Link>
  );
}
