import { Eye, EyeOff } from 'lucide-react';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { customersMessages } from './customers.messages';
import { maskField, type ProfileField } from './masking';

/**
 * A profile value: plain when its field is not restricted; masked (`j•••@example.com`) with a Show
 * button when it is. Showing is the reader's choice for this page view only.
 */
export function MaskedValue({
  field,
  value,
  restricted,
  revealable = true,
}: {
  field: ProfileField;
  value: string | null | undefined;
  restricted: boolean;
  /** Lists show the mask without a button; the detail page offers Show. */
  revealable?: boolean;
}) {
  const m = useMessages(customersMessages);
  const [shown, setShown] = useState(false);
  if (!value) return <span className="subtle">—</span>;
  if (!restricted) return <span>{value}</span>;
  const label = m.fields[field];
  return (
    <span className="masked">
      <span className={shown ? 'masked__value' : 'masked__value masked__value--masked'} data-field={field}>
        {shown ? value : maskField(field, value)}
      </span>
      {revealable ? (
        <Button
          size="sm"
          variant="ghost"
          icon={shown ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
          aria-label={shown ? m.mask.hideLabel(label) : m.mask.showLabel(label)}
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? m.mask.hide : m.mask.show}
        </Button>
      ) : null}
    </span>
  );
}
