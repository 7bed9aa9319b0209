//! PEM reading (native backend). SKELETON: the X509 helper fills this in.
