import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messagesNow } from '@/i18n';
import { appMessages } from './app.messages';

interface State {
  readonly error: Error | undefined;
}

/** The last line: an error outside any route (the router itself failing) still gets a page, not a blank screen. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Nothing to report to: the console has no telemetry endpoint yet. The page says what happened.
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // A class component outside every provider: the language of the moment, read once.
    const m = messagesNow(appMessages).fatal;
    return (
      <main className="fatal">
        <h1>{m.title}</h1>
        <p>{m.text}</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
          {m.reload}
        </button>
      </main>
    );
  }
}
