/** The demo shop's services, offered as suggestions (any text is allowed: the API validates). */
export const KNOWN_SERVICES = ['gateway', 'catalog', 'checkout', 'payments'];

/** A labelled service filter with the known services as suggestions; empty means all. */
export function ServiceField({ idPrefix, value, onChange }: { idPrefix: string; value: string; onChange(value: string): void }) {
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-service`}>Service</label>
      <input id={`${idPrefix}-service`} list={`${idPrefix}-services`} value={value} onChange={(e) => onChange(e.target.value)} placeholder="all" size={10} />
      <datalist id={`${idPrefix}-services`}>
        {KNOWN_SERVICES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}
