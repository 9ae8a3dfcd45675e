/**
 * Compose's variable interpolation, for the forms deploy/compose.yaml uses: `${NAME}`,
 * `${NAME:-default}`, `${NAME:?message}` (an error naming the message when unset or empty) and
 * `$$` (a literal `$`, left for the container's shell).
 */
export function interpolate(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g,
    (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
      if (match === '$$') return '$';
      const set = name === undefined ? undefined : env[name];
      if (set !== undefined && set !== '') return set;
      if (operator === ':?') throw new Error(`${name ?? ''}: ${operand ?? ''}`);
      return operator === ':-' ? (operand ?? '') : '';
    },
  );
}
