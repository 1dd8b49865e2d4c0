import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/actor";
import { toActionError, validationErrorFromZod, type ActionResult } from "@/lib/shared/action-result";

// The one way a server action is written (docs/building-a-feature.md):
//
//   export const escalateComplaintAction = action(escalateInput, escalateComplaint, { revalidate: (i) => `/complaints/${i.complaintId}` });
//
// actor from the session → input parsed by zod once (bound ids too: they come from the client) →
// the lib call → one result shape (ActionResult) with field errors as message keys → revalidation.
// Lib functions do the authorization and the audit; this file never decides who may do what.

/** Marks a function as built by a pipeline; the authorization-matrix registry asserts every
 *  exported action and route handler carries it. */
export const PIPELINE = Symbol.for("crm.pipeline");
export type PipelineKind = "action" | "route";
export function pipelineKindOf(fn: unknown): PipelineKind | undefined {
  return typeof fn === "function" ? (fn as { [PIPELINE]?: PipelineKind })[PIPELINE] : undefined;
}
export function markPipeline<F extends object>(fn: F, kind: PipelineKind): F {
  Object.defineProperty(fn, PIPELINE, { value: kind, enumerable: false });
  return fn;
}

type Paths<I, R> = string | string[] | ((input: I, result: R) => string | string[] | null);

export interface ActionOptions<I, R> {
  /** Paths to revalidate after success. */
  revalidate?: Paths<I, R>;
  /** Callable without a session (the login page's language switch, the public survey): fn gets null. */
  public?: boolean;
  /** Callable by someone who must enrol a second factor first (enrolment itself, sign-out). Everyone
   *  else in that state is refused with "forbidden" until they have enrolled. */
  duringMfaEnrolment?: boolean;
}

/** FormData → a plain object for the schema: repeated names become arrays, files stay files. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/**
 * Builds a server action. The returned function accepts the input object, a FormData (a
 * `<form action>`), or `(previousState, FormData)` from `useActionState`.
 */
export function action<S extends z.ZodType, R>(schema: S, fn: (actor: Actor, input: z.output<S>) => Promise<R>, options?: ActionOptions<z.output<S>, R> & { public?: false }): (raw: unknown, form?: unknown) => Promise<ActionResult<R>>;
export function action<S extends z.ZodType, R>(schema: S, fn: (actor: Actor | null, input: z.output<S>) => Promise<R>, options: ActionOptions<z.output<S>, R> & { public: true }): (raw: unknown, form?: unknown) => Promise<ActionResult<R>>;
export function action<S extends z.ZodType, R>(schema: S, fn: (actor: Actor, input: z.output<S>) => Promise<R>, options: ActionOptions<z.output<S>, R> = {}) {
  const run = async (raw: unknown, form?: unknown): Promise<ActionResult<R>> => {
    const payload = form instanceof FormData ? form : raw;
    const actor = await getActor();
    if (!actor && !options.public) return { ok: false, error: "unauthenticated" };
    if (actor?.mfaEnrolmentRequired && !options.duringMfaEnrolment && !options.public) return { ok: false, error: "forbidden" };
    const parsed = schema.safeParse(payload instanceof FormData ? formDataToObject(payload) : payload, { reportInput: true });
    if (!parsed.success) return toActionError(validationErrorFromZod(parsed.error));
    let result: R;
    try {
      result = await fn(actor as Actor, parsed.data);
    } catch (e) {
      unstable_rethrow(e); // redirect() and notFound() from the function are navigation, not errors
      return toActionError(e);
    }
    const paths = typeof options.revalidate === "function" ? options.revalidate(parsed.data, result) : options.revalidate;
    for (const p of paths == null ? [] : Array.isArray(paths) ? paths : [paths]) revalidatePath(p);
    return { ok: true, data: result };
  };
  return markPipeline(run, "action");
}

/** A schema for actions that take no input. */
export const noInput = z.unknown().transform(() => undefined);
