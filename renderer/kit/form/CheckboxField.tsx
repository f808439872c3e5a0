/** One checkbox inside its label, so the words are the click target. */
export function CheckboxField({ label, checked, onChange, className = 'field checkbox-single' }: { label: string; checked: boolean; onChange(checked: boolean): void; className?: string }) {
  return (
    <div className={className}>
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}
