/**
 * How deep a YAML document nests, found without building it. The `yaml`
 * package builds documents recursively: `- - - … x` or `[[[[…]]]]` a few
 * thousand levels deep overflow its stack, and a hundred thousand `[` took
 * the whole process down. Its lexer is iterative, so the depth is measured on
 * its tokens first: flow brackets exactly, block nesting from indentation and
 * `-`/`?` indicators (an estimate never below the true depth).
 */
import { Lexer } from 'yaml';

/** Where the nesting first exceeds `maxDepth`, as an offset into the text; undefined when it never does. */
export function yamlTooDeepAt(text: string, maxDepth: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = true;
  let lineIndent = 0;
  let indicators = 0;
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    if (!isMarker(token)) offset += token.length;
    if (token === '\n' || token === '\r\n') {
      lineStart = true;
      lineIndent = 0;
      indicators = 0;
      continue;
    }
    if (isMarker(token)) continue;
    if (/^[ \t]+$/.test(token)) {
      if (lineStart) lineIndent = token.length;
      continue;
    }
    if (token.startsWith('#')) continue;
    if (lineStart && flow === 0) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= lineIndent) indents.pop();
      indents.push(lineIndent);
    }
    lineStart = false;
    if (flow === 0 && (token === '-' || token === '?')) indicators++;
    else if (token === '[' || token === '{') flow++;
    else if ((token === ']' || token === '}') && flow > 0) flow--;
    if (indents.length + indicators + flow > maxDepth) return start;
  }
  return undefined;
}

/** The lexer's zero-width markers (document start, scalar start, flow error end, BOM). */
function isMarker(token: string): boolean {
  return token.length === 1 && (token === '\u0002' || token === '\u0018' || token === '\u001f' || token === '\ufeff');
}
