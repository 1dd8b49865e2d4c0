import Link from "next/link";

/** A complaint's number, linking to its page (lists and tables). */
export function ComplaintLink({ id, no, children }: { id: number; no?: string; children?: React.ReactNode }) {
  return (
    <Link href={`/complaints/${id}`} className="text-brand-700 tabular-nums hover:underline">
      {children ?? no}
    </Link>
  );
}
