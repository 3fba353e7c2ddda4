package dev.eider.example;

import dev.eider.distribution.CollectorMain;

/** {@code java -jar custom-collector.jar}: the same CLI over the custom distribution. */
public final class CustomMain {
    private CustomMain() {}

    public static void main(String[] args) {
        CollectorMain.main(args, DaggerCustomDistribution.create());
    }
}
