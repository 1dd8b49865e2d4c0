"use client";

import { useEffect, useRef } from "react";

/** Is the person typing into a field (where a key is text, not a shortcut)? */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

/**
 * A single-key shortcut for the whole page (`/` to search, `N` for a new record): it fires when
 * the person is not typing, holds no Ctrl/⌘/Alt, and no dialog is open. Show it with <Kbd>.
 */
export function useShortcut(keys: readonly string[], onKey: () => void): void {
  const handler = useRef(onKey);
  useEffect(() => {
    handler.current = onKey;
  });
  const list = keys.join("\u0000");
  useEffect(() => {
    const wanted = new Set(list.split("\u0000"));
    function onKeyDown(e: KeyboardEvent) {
      if (!wanted.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      e.preventDefault();
      handler.current();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [list]);
}
