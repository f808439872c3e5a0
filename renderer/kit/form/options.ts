import type { Option } from './fields';

/** Records as select options, each chosen by its id. */
export const optionsOf = <T extends { id: string }>(items: readonly T[] | undefined, label: (item: T) => string): Option[] =>
  (items ?? []).map((item) => ({ value: item.id, label: label(item) }));

/** Themes, organisations, barriers…: records with a name. */
export const namedOptions = (items: readonly { id: string; name: string }[] | undefined): Option[] => optionsOf(items, (item) => item.name);

/** A closed list of values with their labels (statuses, kinds). */
export const labelledOptions = <V extends string>(values: readonly V[], labels: Record<V, string>): Option[] => values.map((value) => ({ value, label: labels[value] }));
