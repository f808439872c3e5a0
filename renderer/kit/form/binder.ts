/** The fields of a form whose values are text (inputs, selects, text areas). */
export type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

type Setter<V> = <K extends keyof V>(k: K) => (value: V[K]) => void;

/** Binds text and select fields by name: each gets its value, its change handler and its message. */
export function binder<V extends object>(values: V, set: Setter<V>, errorOf: (field: string) => string | undefined = () => undefined) {
  return <K extends TextKeys<V>>(k: K) => ({ value: values[k] as string, onChange: set(k) as (value: string) => void, error: errorOf(String(k)) });
}

/** A draft held by its parent (the autosaving estimate editor): every change hands the parent the next draft. */
export function draftFields<V extends object>(draft: V, errors: Record<string, string>, onChange: (next: V) => void) {
  const set: Setter<V> = (k) => (value) => onChange({ ...draft, [k]: value });
  return { set, bind: binder(draft, set, (field) => errors[field]) };
}
