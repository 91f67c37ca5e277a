#ifndef LOCKTOP_CHIREDIS_SHIM_H
#define LOCKTOP_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
