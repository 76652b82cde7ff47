/**
 * Catches a piece of the page that failed to load (a chapter's or a widget's chunk, say on a
 * dropped connection before the service worker had cached it) and says so in its place, with a
 * reload, instead of React unmounting the whole page. A reload, not a retry: browsers keep a
 * failed module import failed for the life of the document.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in the reader's words: "this chapter", "the noise schedules widget". */
  what: string;
  children: ReactNode;
}

export class LoadFailure extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="notice notice-error load-failure" role="alert">
        <p>
          Could not load {this.props.what} ({this.state.error.message}). Check the connection, then{' '}
          <button type="button" onClick={() => window.location.reload()}>reload the page</button>.
        </p>
      </div>
    );
  }
}
