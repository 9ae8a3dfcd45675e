import { createContext, useContext } from 'react';

/** True under the console's shell, whose main landmark holds the page; false for a bare page (a 404 before sign-in). */
export const InShellContext = createContext(false);

export function useInShell(): boolean {
  return useContext(InShellContext);
}
