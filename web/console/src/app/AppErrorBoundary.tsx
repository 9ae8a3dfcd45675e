import { Component, type ErrorInfo, type ReactNode } from 'react';

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
    return (
      <main className="fatal">
        <h1>Switchboard stopped working in this tab</h1>
        <p>Reloading usually fixes it. If it keeps happening, tell your administrator what you were doing and this message:</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
