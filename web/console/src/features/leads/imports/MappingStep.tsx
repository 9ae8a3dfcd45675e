import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { OptionsField, SelectField, SwitchField, TextField } from '@/kit/Field';
import { Button } from '@/kit/Button';
import type { LeadImportPreview, MappingPreset, SavedColumnMapping } from '../leads.api';
import { importMessages } from './import.messages';
import {
  columnChoices,
  delimiters,
  draftOf,
  leadFields,
  mappingPresets,
  type Delimiter,
  type LeadField,
  type MappingDraft,
} from './mapping';

type Problems = Partial<
  Record<'fields' | 'defaultRegion' | 'delimiter' | 'preset' | 'saveMappingAs', string>
> &
  Partial<Record<`fields.${LeadField}`, string>>;

/**
 * The wizard's mapping step: a select per lead field over the file's columns (or a VICIdial preset),
 * and the server's preview of the first rows as the mapping reads them — the lead each would make,
 * or why it would be rejected.
 */
export function MappingStep({
  preview,
  draft,
  onChange,
  onRefresh,
  refreshing,
  saved,
  saveAs,
  onSaveAs,
  errors,
}: {
  readonly preview: LeadImportPreview;
  readonly draft: MappingDraft;
  readonly onChange: (draft: MappingDraft) => void;
  readonly onRefresh: () => void;
  readonly refreshing: boolean;
  readonly saved: readonly SavedColumnMapping[];
  readonly saveAs: string;
  readonly onSaveAs: (name: string) => void;
  readonly errors: Problems;
}) {
  const m = useMessages(importMessages).wizard.mapping;
  const choices = columnChoices(preview, draft.hasHeader);
  const delimiterName =
    preview.delimiter === null
      ? null
      : ((m.delimiters as Record<string, string>)[preview.delimiter] ?? preview.delimiter);
  const accepted = preview.rows.filter((row) => row.lead).length;
  const presetLabels = { '': m.noPreset, ...m.presets } as Record<MappingPreset | '', string>;
  const delimiterLabels = { '': m.sniffed, ...m.delimiters } as Record<Delimiter | '', string>;
  const setField = (field: LeadField, value: string) => {
    const fields = Object.fromEntries(
      Object.entries(draft.fields).filter(([name]) => name !== field),
    ) as MappingDraft['fields'];
    onChange({
      ...draft,
      fields: value === '' ? fields : { ...fields, [field]: draft.hasHeader ? value : Number(value) },
    });
  };

  return (
    <div className="stack stack--sm">
      <p className="subtle">{m.description(preview.sniffedType.toUpperCase(), delimiterName)}</p>
      <div className="mapping-grid">
        <OptionsField
          label={m.preset}
          hint={m.presetHint}
          value={draft.preset}
          options={['', ...mappingPresets]}
          labels={presetLabels}
          onPick={(preset) =>
            onChange({
              ...draft,
              preset,
              hasHeader: preset ? false : draft.hasHeader,
              fields: preset ? {} : draft.fields,
            })
          }
          error={errors.preset}
        />
        {saved.length ? (
          <SelectField
            label={m.saved}
            defaultValue=""
            onChange={(e) => {
              const picked = saved.find((s) => s.id === e.target.value);
              if (picked) onChange(draftOf(picked.mapping));
            }}
          >
            <option value="">{m.noSaved}</option>
            {saved.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <OptionsField
          label={m.delimiter}
          value={draft.delimiter}
          options={['', ...delimiters]}
          labels={delimiterLabels}
          onPick={(delimiter) => onChange({ ...draft, delimiter })}
          error={errors.delimiter}
        />
        <TextField
          label={m.region}
          hint={m.regionHint}
          value={draft.defaultRegion}
          maxLength={2}
          onChange={(e) => onChange({ ...draft, defaultRegion: e.target.value })}
          error={errors.defaultRegion}
        />
      </div>
      {draft.preset ? null : (
        <>
          <SwitchField
            label={m.hasHeader}
            checked={draft.hasHeader}
            onCheckedChange={(hasHeader) => onChange({ ...draft, hasHeader, fields: {} })}
          />
          <div className="mapping-grid">
            {leadFields.map((field) => (
              <SelectField
                key={field}
                label={m.fields[field]}
                value={String(draft.fields[field] ?? '')}
                onChange={(e) => setField(field, e.target.value)}
                error={errors[`fields.${field}`]}
              >
                <option value="">{m.notMapped}</option>
                {choices.map((column) => (
                  <option key={String(column)} value={String(column)}>
                    {typeof column === 'number' ? m.column(column) : column}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
        </>
      )}
      <div className="cluster">
        <Button onClick={onRefresh} busy={refreshing}>
          {m.refresh}
        </Button>
        <span className="subtle" role="status">
          {m.summary(accepted, preview.rows.length - accepted)}
        </span>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{m.previewCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.row}</th>
              <th scope="col">{m.raw}</th>
              <th scope="col">{m.result}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td>
                <td className="mono preview-raw">{row.raw.join(' · ')}</td>
                <td>
                  {row.lead ? (
                    <span className="identity__text">
                      <span className="mono">{row.lead.phone}</span>
                      <span className="subtle">
                        {[
                          row.lead.fields.fullName ??
                            [row.lead.fields.firstName, row.lead.fields.lastName].filter(Boolean).join(' '),
                          row.lead.email,
                          row.lead.region,
                          row.lead.timeZone,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </span>
                  ) : row.rejection ? (
                    <Badge tone="danger">{m.rejected(row.rejection.field, row.rejection.reason)}</Badge>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField
        label={m.saveAs}
        hint={m.saveAsHint}
        optional
        value={saveAs}
        onChange={(e) => onSaveAs(e.target.value)}
        error={errors.saveMappingAs}
        maxLength={200}
      />
    </div>
  );
}
