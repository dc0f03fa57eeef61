//! Large result strings handed to V8 as *external* strings: the characters
//! stay in the Rust allocation (freed by a finalizer when V8 collects the
//! string) instead of being copied onto the JavaScript heap.
//!
//! Why: a 10,000-row result's text (every string value, every JSON list)
//! is over a megabyte. Copied onto the heap, it sits in the young
//! generation with the rows that slice it, and every scavenge while those
//! rows are alive copies it again; external, only the string's header lives
//! on the heap. `node_api_create_external_string_latin1` / `_utf16` exist
//! from Node 18.18 / 20.4 on (Node-API 10 names them); they are looked up
//! once at run time, and without them (or when V8 copies anyway) the result
//! is the same string, copied.

use std::ffi::{c_char, c_void};
use std::ptr;
use std::sync::OnceLock;

use napi::bindgen_prelude::*;
use napi::sys;

/// Below this many characters a copy is cheaper than a finalizer.
const MIN_EXTERNAL: usize = 4096;

type Finalize = unsafe extern "C" fn(env: sys::napi_env, data: *mut c_void, hint: *mut c_void);
type CreateExternal<T> = unsafe extern "C" fn(
    env: sys::napi_env,
    chars: *const T,
    length: isize,
    finalize: Option<Finalize>,
    hint: *mut c_void,
    result: *mut sys::napi_value,
    copied: *mut bool,
) -> sys::napi_status;

struct Api {
    latin1: Option<CreateExternal<c_char>>,
    utf16: Option<CreateExternal<u16>>,
}

fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| Api {
        latin1: lookup(c"node_api_create_external_string_latin1")
            // SAFETY: the symbol, when Node exports it, has this signature (js_native_api.h).
            .map(|p| unsafe { std::mem::transmute::<*mut c_void, CreateExternal<c_char>>(p) }),
        utf16: lookup(c"node_api_create_external_string_utf16")
            // SAFETY: as above.
            .map(|p| unsafe { std::mem::transmute::<*mut c_void, CreateExternal<u16>>(p) }),
    })
}

#[cfg(unix)]
fn lookup(name: &std::ffi::CStr) -> Option<*mut c_void> {
    // SAFETY: dlsym with RTLD_DEFAULT searches the process's global symbols
    // (the node executable exports Node-API); a missing symbol gives NULL.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
    (!p.is_null()).then_some(p)
}

#[cfg(not(unix))]
fn lookup(_name: &std::ffi::CStr) -> Option<*mut c_void> {
    None
}

/// Frees the `Vec<T>` whose parts `hint` holds (boxed `(ptr, len, cap)`).
unsafe extern "C" fn drop_vec<T>(_env: sys::napi_env, _data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `hint` is the Box made in `external`, given to exactly one finalizer call.
    let parts = unsafe { Box::from_raw(hint as *mut (*mut T, usize, usize)) };
    let (p, len, cap) = *parts;
    // SAFETY: the parts of a Vec<T> that was forgotten in `external`.
    drop(unsafe { Vec::from_raw_parts(p, len, cap) });
}

/// `chars` as an external string through `create` (V8 may still copy them,
/// then the finalizer runs at once). Errors only if the call fails.
fn external<'e, T>(env: &'e Env, create: CreateExternal<T>, chars: Vec<T>) -> Result<Unknown<'e>> {
    let mut chars = std::mem::ManuallyDrop::new(chars);
    let (p, len, cap) = (chars.as_mut_ptr(), chars.len(), chars.capacity());
    let hint = Box::into_raw(Box::new((p, len, cap))) as *mut c_void;
    let mut value: sys::napi_value = ptr::null_mut();
    let mut copied = false;
    // SAFETY: `p` points at `len` initialised characters that stay valid until
    // the finalizer (which V8 calls exactly once: at once if it copied, else when
    // the string is collected) frees them; `hint` is theirs.
    let status = unsafe {
        create(
            env.raw(),
            p,
            len as isize,
            Some(drop_vec::<T>),
            hint,
            &mut value,
            &mut copied,
        )
    };
    if status != sys::Status::napi_ok || value.is_null() {
        // No finalizer runs on failure: free the characters here.
        // SAFETY: ownership never passed to V8.
        unsafe { drop_vec::<T>(ptr::null_mut(), ptr::null_mut(), hint) };
        return Err(Error::from_reason("cannot create the result string"));
    }
    // SAFETY: a string value just created in this env.
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), value) })
}

/// A string of Latin-1 bytes (each byte one character).
pub fn latin1<'e>(env: &'e Env, bytes: Vec<u8>) -> Result<Unknown<'e>> {
    if bytes.len() >= MIN_EXTERNAL {
        if let Some(create) = api().latin1 {
            // SAFETY: c_char and u8 have the same layout.
            let chars = cast_vec::<u8, c_char>(bytes);
            return external(env, create, chars);
        }
    }
    env.create_string_latin1(&bytes).map(|s| s.to_unknown())
}

/// A string of any text (as UTF-16 when it is long and the API exists).
pub fn text<'e>(env: &'e Env, text: &str) -> Result<Unknown<'e>> {
    if text.len() >= MIN_EXTERNAL {
        if let Some(create) = api().utf16 {
            return external(env, create, text.encode_utf16().collect());
        }
    }
    env.create_string(text).map(|s| s.to_unknown())
}

fn cast_vec<A, B>(v: Vec<A>) -> Vec<B> {
    const { assert!(std::mem::size_of::<A>() == std::mem::size_of::<B>()) };
    const { assert!(std::mem::align_of::<A>() == std::mem::align_of::<B>()) };
    let mut v = std::mem::ManuallyDrop::new(v);
    // SAFETY: same size and alignment (checked above); ownership moves.
    unsafe { Vec::from_raw_parts(v.as_mut_ptr() as *mut B, v.len(), v.capacity()) }
}
