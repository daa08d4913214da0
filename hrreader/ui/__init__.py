"""Qt widgets; imports the content layer, never the other way round."""
