package io.sextant.cli.internal.demo;

/**
 * One instance on the board.
 *
 * @param seen        per client, whether its cache lists the instance
 * @param weightShare its weight over the pickable weights in the shown client's view; NaN when absent
 * @param shares      per strategy (in {@link Strategies#NAMES} order), its share of the picks; NaN when absent
 * @param note        what is happening to it, or empty
 */
record Row(String id, String zone, int weight, boolean[] seen, double weightShare, double[] shares, String note) {

    boolean listed() {
        for (boolean s : seen) {
            if (s) {
                return true;
            }
        }
        return false;
    }
}
