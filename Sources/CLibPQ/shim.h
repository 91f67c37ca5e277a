#ifndef LOCKTOP_CLIBPQ_SHIM_H
#define LOCKTOP_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
