import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/shared/errors";

// The one way a page is written (docs/building-a-feature.md §4):
//
//   export default page(async function CustomerPage({ params }: { params: Promise<{ id: string }> }) { … });
//
// Lib refuses with the AppError family; a page answers with the matching HTTP page instead of the
// error boundary ("the service is temporarily unavailable"):
// - ForbiddenError (the role lacks the permission) → forbidden(): app/forbidden.tsx, status 403;
// - NotFoundError (a missing record, or one outside the actor's scope) → notFound(): 404;
// - UnauthenticatedError → the login page.
// Anything else is rethrown untouched: unexpected errors still reach app/error.tsx and the log.

/** Turns a lib refusal into the page's answer; returns any other error for the caller to rethrow. */
export function pageInterrupt(e: unknown): unknown {
  if (e instanceof ForbiddenError) forbidden();
  if (e instanceof NotFoundError) notFound();
  if (e instanceof UnauthenticatedError) redirect("/login");
  return e;
}

/** Wraps a page component so that lib's refusals become a 403 or 404 page. */
export function page<P>(render: (props: P) => React.ReactNode | Promise<React.ReactNode>): (props: P) => Promise<React.ReactNode> {
  return async function Page(props: P) {
    try {
      return await render(props);
    } catch (e) {
      throw pageInterrupt(e);
    }
  };
}
