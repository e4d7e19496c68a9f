/** One line of text, styled already, cut at its box's width. */
import { Text } from 'ink';
import { memo } from 'react';

/**
 * Memoised on the text: a panel's summary and a chart's rows are rebuilt every refresh, but most read the
 * same as before (the bench sees 3-4 lines of the screen change a refresh), and an unchanged line is then
 * not re-rendered (bench/README.md, "Console", sixth session).
 */
export const TextLine = memo(function TextLine({ text }: { text: string }) {
  return <Text wrap="truncate">{text}</Text>;
});
