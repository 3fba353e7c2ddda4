package ${package};

import dev.eider.distribution.CollectorMain;

/** {@code java -jar}: Eider's CLI (run, validate, components, query, stop) over this distribution. */
public final class CustomMain {
    private CustomMain() {}

    public static void main(String[] args) {
        CollectorMain.main(args, DaggerCustomDistribution.create());
    }
}
