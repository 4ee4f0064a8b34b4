"""Writing the outputs the way the input was written, all or nothing."""
