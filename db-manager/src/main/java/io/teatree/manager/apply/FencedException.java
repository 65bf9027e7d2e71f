package io.teatree.manager.apply;

/** The model file carries a higher writer epoch than ours: another manager took over; we must stop. */
public class FencedException extends Exception {

    public FencedException(String message) {
        super(message);
    }
}
