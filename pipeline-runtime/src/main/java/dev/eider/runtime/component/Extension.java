package dev.eider.runtime.component;

/** A component outside the data path (the admin API). Started first, stopped last. */
public interface Extension extends Component {}
