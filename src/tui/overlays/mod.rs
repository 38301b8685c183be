//! Windows over the main screen that own their keys, their drawing and their key table.

pub mod palette;
