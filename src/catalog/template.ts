/**
 * Matching text against the templates the Service Authorization Reference uses:
 * ARN formats (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) and condition
 * keys with a variable part (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`).
 *
 * Never built into a regular expression: the templates come from data files (and,
 * after a refresh, from the network). A template is split into literal pieces and
 * gaps; a `${Placeholder}` gap takes one or more characters (any, including `/`, so
 * `${ObjectName}` may hold slashes), a literal `*` in an ARN format takes any run,
 * possibly empty. Literal pieces are placed at their leftmost possible position,
 * which is optimal because gaps have no upper bound: linear-ish, no backtracking.
 */
import { parseArn, type Arn } from '../language/arn.js';

export interface TemplateOptions {
  /** Compare literal text case-insensitively (condition keys). ARNs are case-sensitive. */
  ignoreCase?: boolean;
  /** Treat `<name>` as a placeholder too (some condition keys, e.g. `s3:ExistingObjectTag/<key>`). */
  angleBrackets?: boolean;
  /** Treat a literal `*` as "any run of characters, possibly empty" (some ARN formats end in `:*`). */
  star?: boolean;
}

/** A run of placeholders and stars between two literal pieces: the least number of characters it takes. */
interface Gap {
  present: boolean;
  minLength: number;
}

export interface CompiledTemplate {
  readonly source: string;
  /** Number of literal characters: more literal text means a more specific template. */
  readonly literalLength: number;
  /** Number of placeholders and stars. */
  readonly variableCount: number;
  matches(text: string): boolean;
}

type Token = { kind: 'literal'; text: string } | { kind: 'placeholder' } | { kind: 'star' };

function tokenize(template: string, options: TemplateOptions): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let index = 0;
  while (index < template.length) {
    const char = template[index] as string;
    if (char === '$' && template[index + 1] === '{') {
      const close = template.indexOf('}', index + 2);
      if (close > index + 2) {
        flush();
        tokens.push({ kind: 'placeholder' });
        index = close + 1;
        continue;
      }
    }
    if (char === '<' && options.angleBrackets) {
      const close = template.indexOf('>', index + 1);
      if (close > index + 1) {
        flush();
        tokens.push({ kind: 'placeholder' });
        index = close + 1;
        continue;
      }
    }
    if (char === '*' && options.star) {
      flush();
      tokens.push({ kind: 'star' });
      index += 1;
      continue;
    }
    literal += char;
    index += 1;
  }
  flush();
  return tokens;
}

export function compileTemplate(template: string, options: TemplateOptions = {}): CompiledTemplate {
  const tokens = tokenize(template, options);
  const ignoreCase = options.ignoreCase === true;
  // Alternate gaps and literals: gaps[i] precedes pieces[i]; gaps[pieces.length] is the tail.
  const pieces: string[] = [];
  const gaps: Gap[] = [{ present: false, minLength: 0 }];
  let variableCount = 0;
  for (const token of tokens) {
    const gap = gaps[gaps.length - 1] as Gap;
    if (token.kind === 'literal') {
      // Adjacent literals were merged by the tokenizer, so every inner gap is present.
      pieces.push(ignoreCase ? token.text.toLowerCase() : token.text);
      gaps.push({ present: false, minLength: 0 });
    } else {
      variableCount += 1;
      gap.present = true;
      if (token.kind === 'placeholder') gap.minLength += 1;
    }
  }
  const literalLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return {
    source: template,
    literalLength,
    variableCount,
    matches: (text: string) => matchPieces(pieces, gaps, ignoreCase ? text.toLowerCase() : text),
  };
}

function matchPieces(pieces: readonly string[], gaps: readonly Gap[], text: string): boolean {
  const head = gaps[0] as Gap;
  const tail = gaps[pieces.length] as Gap;
  if (pieces.length === 0) {
    return head.present ? text.length >= head.minLength : text.length === 0;
  }
  let position = 0;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as string;
    const before = gaps[index] as Gap;
    const earliest = position + before.minLength;
    const isLast = index === pieces.length - 1;
    let found: number;
    if (isLast && !tail.present) {
      // Anchored at the end.
      found = text.length - piece.length;
      if (found < earliest || (!before.present && found !== position)) return false;
      if (!text.startsWith(piece, found)) return false;
    } else if (!before.present) {
      // Only the first piece can lack a gap before it: anchored at the start.
      if (!text.startsWith(piece, position)) return false;
      found = position;
    } else {
      found = text.indexOf(piece, earliest);
      if (found === -1) return false;
    }
    position = found + piece.length;
  }
  return tail.present ? text.length - position >= tail.minLength : position === text.length;
}

/** An ARN format compiled part by part (partition, service, region, account, resource). */
export interface CompiledArnFormat {
  readonly format: string;
  /** Literal characters in the whole format: more means more specific. */
  readonly specificity: number;
  matches(arn: string | Arn): boolean;
}

const formatCache = new Map<string, CompiledArnFormat>();

/**
 * Compile an ARN format such as `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`.
 * The first five parts are matched separately (so a placeholder there never spans a
 * colon); the resource part is matched as a whole (placeholders may take `/` and `:`).
 */
export function compileArnFormat(format: string): CompiledArnFormat {
  const cached = formatCache.get(format);
  if (cached !== undefined) return cached;
  const options: TemplateOptions = { star: true };
  const parsed = parseArn(format);
  let compiled: CompiledArnFormat;
  if (parsed === undefined) {
    // Not ARN-shaped: match the whole text.
    const whole = compileTemplate(format, options);
    compiled = {
      format,
      specificity: whole.literalLength,
      matches: (arn) => whole.matches(typeof arn === 'string' ? arn : formatArnParts(arn)),
    };
  } else {
    const parts = [parsed.partition, parsed.service, parsed.region, parsed.account, parsed.resource].map((part) =>
      compileTemplate(part, options),
    );
    // "arn" plus five colons are literal too.
    const specificity = 'arn:'.length + 4 + parts.reduce((sum, part) => sum + part.literalLength, 0);
    compiled = {
      format,
      specificity,
      matches: (arn) => {
        const target = typeof arn === 'string' ? parseArn(arn) : arn;
        if (target === undefined) return false;
        const values = [target.partition, target.service, target.region, target.account, target.resource];
        return parts.every((part, index) => part.matches(values[index] as string));
      },
    };
  }
  if (formatCache.size > 20_000) formatCache.clear();
  formatCache.set(format, compiled);
  return compiled;
}

function formatArnParts(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** Does a concrete ARN fit an ARN format from the reference? */
export function arnFitsFormat(format: string, arn: string): boolean {
  return compileArnFormat(format).matches(arn);
}

/** Does a condition key fit a key name from the reference (case-insensitive, `${X}` and `<x>` are variable parts)? */
export function conditionKeyFitsTemplate(template: string, key: string): boolean {
  return compileTemplate(template, { ignoreCase: true, angleBrackets: true }).matches(key);
}

/** True when a reference key name has a variable part (`${TagKey}`, `<key>`). */
export function isTemplateKey(name: string): boolean {
  return compileTemplate(name, { angleBrackets: true }).variableCount > 0;
}
