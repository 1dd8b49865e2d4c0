// The frame of the customer 360 view. Each panel is its own component placed in a slot, so a new
// capability (complaints, value tier, churn risk, next-best offer …) adds a panel file and one line
// in app/(app)/customers/[id]/page.tsx, without touching the other panels.
//
// At 1440×900 the header and the three columns (identity/contact · lines/accounts · latest contacts)
// fit without scrolling; `below` holds the wider, secondary panels (trend charts and the like).
export function Customer360Layout({
  header,
  left,
  center,
  right,
  below,
}: {
  header: React.ReactNode;
  left: React.ReactNode;
  center: React.ReactNode;
  right: React.ReactNode;
  below?: React.ReactNode;
}) {
  return (
    <div className="space-y-3">
      {header}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-12">
        <div className="space-y-3 lg:col-span-3">{left}</div>
        <div className="min-w-0 space-y-3 lg:col-span-5">{center}</div>
        <div className="min-w-0 space-y-3 lg:col-span-4">{right}</div>
      </div>
      {below && <div className="space-y-3">{below}</div>}
    </div>
  );
}
