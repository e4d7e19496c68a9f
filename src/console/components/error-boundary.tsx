/** Catches a render error in a view and shows it on one line: the console never crashes on bad data. */
import { Text } from 'ink';
import { Component, type ReactNode } from 'react';

/** The boundary; `resetKey` changing (e.g. the view) clears the error. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: string | null; key: string }
> {
  override state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(err: unknown) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: string | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }
  override render() {
    return this.state.error ? (
      <Text wrap="truncate">{`✖ this view failed to render: ${this.state.error}`}</Text>
    ) : (
      this.props.children
    );
  }
}
