import { displayText } from '../../shared/displayText';
import { contactLabel, type LabelledContact } from '../../shared/model/contactLabel';

/**
 * A labelled picker of contacts, each shown whole (name and channels, or its identities): the
 * Project view's routing card and the sandbox's Simulate inbound dialog pick a contact alike. The
 * empty choice's text says why the list is empty, in the caller's words.
 */
export function ContactSelect({
  label,
  ariaLabel,
  contacts,
  value,
  emptyChoice,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  contacts: readonly (LabelledContact & { id: string })[] | null;
  value: string;
  emptyChoice: string;
  onChange: (contactId: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyChoice}</option>
        {contacts?.map((c) => (
          <option key={c.id} value={c.id}>
            {displayText(contactLabel(c))}
          </option>
        ))}
      </select>
    </label>
  );
}
