/**
 * One live game's event stream in the browser: owns the EventSource, keeps the newest view the
 * server sent (decoded for the screen with `decode`: views travel in a compact form), and
 * measures the offset between the server's clock and this one (for countdowns).
 * The browser's EventSource reconnects by itself and sends Last-Event-ID; the server answers a
 * (re)connection with the whole current view, so nothing else is needed to resume.
 */
export interface VersionedView {
	version: number;
	serverNow: number;
	tags: string[];
	phase: string;
}

/** `W`: a view as the server sends it; `V`: the same view decoded for the screen. */
export class LiveStream<W extends VersionedView, V extends VersionedView> {
	view: V = $state() as V;
	connected = $state(false);
	/** Server clock minus this browser's clock, ms. */
	clockOffset = $state(0);
	private source: EventSource | null = null;

	constructor(
		private readonly url: string,
		initial: W,
		private readonly decode: (view: W) => V
	) {
		this.view = decode(initial);
		this.clockOffset = initial.serverNow - Date.now();
	}

	/** Opens the stream; returns a function that closes it (for `$effect`). */
	connect(): () => void {
		const source = new EventSource(this.url);
		this.source = source;
		source.addEventListener('open', () => (this.connected = true));
		source.addEventListener('error', () => (this.connected = false));
		source.addEventListener('state', (event) => {
			const next = JSON.parse((event as MessageEvent<string>).data) as W;
			this.accept(next);
		});
		return () => this.close();
	}

	/** Takes a view (from the stream or a POST reply) unless an older one arrives late. */
	accept(next: W): void {
		if (next.version < this.view.version) return;
		this.view = this.decode(next);
		this.clockOffset = next.serverNow - Date.now();
		// An ended game sends nothing more; without this the browser would keep reconnecting.
		if (next.phase === 'ended') this.close();
	}

	close(): void {
		this.source?.close();
		this.source = null;
		this.connected = false;
	}

	/** Is the game in this phase (the machine's state)? */
	matches(phase: V['phase']): boolean {
		return this.view.phase === phase;
	}

	hasTag(tag: string): boolean {
		return this.view.tags.includes(tag);
	}

	/** A server timestamp on this browser's clock. */
	local(serverTime: number): number {
		return serverTime - this.clockOffset;
	}
}

/**
 * The live stream of the page being set up (call it while a component initialises): it starts
 * from the server-rendered `initial` view, decodes views with `decode`, opens when the page
 * mounts and closes when the page goes.
 */
export function pageStream<W extends VersionedView, V extends VersionedView>(
	url: string,
	initial: W,
	decode: (view: W) => V
): LiveStream<W, V> {
	const live = new LiveStream(url, initial, decode);
	$effect(() => live.connect());
	return live;
}
