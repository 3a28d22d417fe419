// What a reader throws when a body cannot be turned into items or meetings.

export type ParseErrorKind = 'parse' | 'layout-changed' | 'empty' | 'encoding';

export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly kind: ParseErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
