export {
  currentLocale,
  formattingLocale,
  localeNames,
  locales,
  setLocale,
  subscribeLocale,
  useLocale,
  type Locale,
} from './locale';
export {
  defineMessages,
  messagesNow,
  useMessages,
  type Catalogue,
  type MessageTree,
  type Translation,
} from './messages';
