/** The footer: every key, or the prompt of the moment; a message goes before the keys. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { footerText } from './keys.js';

/** Props: the width, and a prompt or message that replaces the keys while present. */
export const Footer = memo(function Footer({
  width,
  prompt,
  message,
  keys,
}: {
  width: number;
  prompt?: string | null;
  message?: string | null;
  /** The keys of a modal screen (the walkthrough) instead of the console's. */
  keys?: string;
}) {
  return (
    <Box width={width} height={1} overflowY="hidden">
      {prompt ? (
        // cut in the middle when too wide: the question's start says what it is about, and its end holds the
        // answers it takes and what is typed (cut at the end, an 80-column footer hid both)
        <Text wrap="truncate-middle" bold>
          {prompt}
          <Text inverse> </Text>
        </Text>
      ) : message ? (
        // the message, and the keys still after it: a flash never hides how to act on it
        <Text wrap="truncate">
          <Text inverse>{` ${message} `}</Text>
          <Text dimColor>{`  ${keys ?? footerText(Math.max(0, width - message.length - 4))}`}</Text>
        </Text>
      ) : (
        <Text wrap="truncate" dimColor>
          {keys ?? footerText(width)}
        </Text>
      )}
    </Box>
  );
});
