/** `{{name}}` → the variable's value; an unknown name becomes empty (a template never shows braces). */
export function renderTemplate(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_, name: string) =>
    Object.hasOwn(variables, name) ? (variables[name] ?? '') : '',
  );
}

/** `de-AT` → [`de-at`, `de`]; the language tags a template is looked up by, best first. */
export function languageChain(language: string | null | undefined): string[] {
  const tag = (language ?? '').trim().toLowerCase();
  const chain: string[] = [];
  if (tag) chain.push(tag);
  const base = tag.split('-')[0];
  if (base && base !== tag) chain.push(base);
  if (!chain.includes('en')) chain.push('en');
  return chain;
}
