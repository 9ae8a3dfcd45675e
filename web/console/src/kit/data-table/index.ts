export { ColumnChooser } from './ColumnChooser';
export {
  columnsShown,
  nextSort,
  sortFromParam,
  sortToParam,
  useColumnChoice,
  type Column,
  type Sort,
  type SortDirection,
} from './columns';
export { DataTable, type DataTableProps, type Paging } from './DataTable';
export { SortSelect } from './SortSelect';
export { TimeCell } from './TimeCell';
export { roundEstimate, useFormatTotal, type Total } from './total';
export {
  browserTimeZone,
  datePresets,
  fromZonedText,
  presetRange,
  toZonedText,
  type DatePreset,
  type Range,
} from './date-range';
export { DateRangeField, type RangeInput } from './DateRangeField';
export { useTenantTimeZone, useTenantTimeZoneState } from './useTenantTimeZone';
export { dataTableMessages } from './data-table.messages';
export { SavedViews } from './SavedViews';
export {
  FilterActions,
  FilterChoices,
  FilterSearchField,
  FiltersNotApplied,
  ListTools,
  refusedFilters,
  unlessRefused,
  useCheckRange,
  useRangeInput,
  type CheckedRange,
} from './FilterBar';
export {
  compactSearch,
  searchFromState,
  searchInstant,
  searchOneOrMore,
  searchState,
  searchText,
} from './search-params';
