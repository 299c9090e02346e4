import { Component, type ReactNode } from 'react';
import { strings } from '../strings/en-gb.ts';
import { ScreenFailed } from './screen-failed.tsx';

/** Shows what went wrong, in words, instead of a blank page; stored attempts are untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <ScreenFailed message={strings.ui.somethingWentWrong} detail={this.state.error.message} />;
  }
}
