import { useMessages } from '@/i18n';
import { SelectField, TextField } from '../Field';
import { datePresets, type DatePreset } from './date-range';
import { dataTableMessages } from './data-table.messages';

/** A range as a filter form holds it: a preset, or custom bounds as typed (in the tenant's zone). */
export interface RangeInput {
  readonly preset: DatePreset | 'custom' | '';
  readonly from: string;
  readonly to: string;
}

interface Props {
  readonly value: RangeInput;
  readonly onChange: (value: RangeInput) => void;
  readonly timeZone: string;
  readonly errors?: { readonly from?: string | undefined; readonly to?: string | undefined };
}

/**
 * The period of a list: one select of presets (today, yesterday, last 7 / 30 days, this month) and,
 * for a custom range, two text fields that read `2024-05-01` or `2024-05-01 09:30`. Each control
 * is one tab stop (a datetime-local input is seven).
 */
export function DateRangeField({ value, onChange, timeZone, errors = {} }: Props) {
  const t = useMessages(dataTableMessages);
  return (
    <>
      <SelectField
        label={t.period}
        hint={value.preset && value.preset !== 'custom' ? t.inZone(timeZone) : undefined}
        value={value.preset}
        onChange={(event) => onChange({ ...value, preset: event.target.value as RangeInput['preset'] })}
      >
        <option value="">{t.anyTime}</option>
        {datePresets.map((preset) => (
          <option key={preset} value={preset}>
            {t.presets[preset]}
          </option>
        ))}
        <option value="custom">{t.custom}</option>
      </SelectField>
      {value.preset === 'custom' ? (
        <>
          <TextField
            label={t.from}
            value={value.from}
            placeholder={t.dateFormat}
            inputMode="numeric"
            maxLength={16}
            autoComplete="off"
            error={errors.from}
            onChange={(event) => onChange({ ...value, from: event.target.value })}
          />
          <TextField
            label={t.to}
            value={value.to}
            placeholder={t.dateFormat}
            inputMode="numeric"
            maxLength={16}
            autoComplete="off"
            error={errors.to}
            hint={t.inZone(timeZone)}
            onChange={(event) => onChange({ ...value, to: event.target.value })}
          />
        </>
      ) : null}
    </>
  );
}
