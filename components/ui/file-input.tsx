import { cn } from "@/components/ui/cn";

/** A native file picker whose button looks like the kit's secondary button; goes inside a Field. */
export function FileInput({ className, ...rest }: Omit<React.ComponentProps<"input">, "type">) {
  return (
    <input
      type="file"
      className={cn(
        "block w-full text-sm text-slate-600 file:mr-3 file:h-8 file:cursor-pointer file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100 aria-[invalid=true]:text-bad",
        className,
      )}
      {...rest}
    />
  );
}
