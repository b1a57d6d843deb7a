/**
 * Line and column of every value in a JSON text, keyed by its path (`contests.2.candidates.1.number`), so a
 * validation error can point into the file the admin edits. Assumes the text already parsed as JSON.
 */
export function locateJsonPaths(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const ws = () => {
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\n') {
        line++;
        lineStart = i + 1;
        i++;
      } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\ufeff') i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string[]): void => {
    ws();
    out.set(path.join('.'), { line, column: i - lineStart + 1 });
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < text.length) {
        ws();
        const key = str();
        ws();
        i++; // :
        value([...path, key]);
        ws();
        if (text[i] === ',') i++;
        else {
          i++; // }
          return;
        }
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      let index = 0;
      while (i < text.length) {
        value([...path, String(index++)]);
        ws();
        if (text[i] === ',') i++;
        else {
          i++; // ]
          return;
        }
      }
    } else if (ch === '"') {
      str();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  value([]);
  return out;
}

/** `contests.2.candidates.1.number` → `contests[2].candidates[1].number`. */
export function jsonPathLabel(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number' || /^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(root)';
}
