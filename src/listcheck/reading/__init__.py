"""Reading the input: bytes to text, text to records, the header and the address column found."""
