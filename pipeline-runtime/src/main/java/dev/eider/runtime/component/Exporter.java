package dev.eider.runtime.component;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;

/**
 * A seal target. The runtime calls {@link #seal} from exactly one writer thread per exporter
 * instance, so an exporter never sees two seals at once. {@link #start} opens the target
 * (creating or validating tables); {@link #shutdown} closes it after the final seal.
 */
public interface Exporter extends Component {
    /**
     * Writes every table of the seal in one transaction with one insert per table. Throws when
     * nothing was committed; the runtime keeps the rows and retries.
     */
    SealTiming seal(Seal seal) throws Exception;
}
